// Engine modules that may not exist yet (hover cards, completion). bench/run.mjs bundles
// `bench-optional:<name>` to src/core/features/<name>.ts when that file exists, else to undefined.
declare module 'bench-optional:*' {
  const features: { readonly [name: string]: unknown } | undefined;
  export default features;
}
