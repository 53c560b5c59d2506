/** The `decl` command line (issue 6 builds it out). */
console.log('decl: not built yet');
