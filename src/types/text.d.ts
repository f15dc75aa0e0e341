// esbuild's `text` loader turns an imported .txt file into its contents.
declare module '*.txt' {
  const content: string;
  export default content;
}
