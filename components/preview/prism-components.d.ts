/** Prism's grammar files: side-effect modules that add a language to the global Prism, with no exports. */
declare module "prismjs/components/*";
