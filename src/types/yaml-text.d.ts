// esbuild's `text` loader turns an imported .yaml file into its contents (the shipped import presets).
declare module '*.yaml' {
  const content: string;
  export default content;
}
