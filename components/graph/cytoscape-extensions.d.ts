// The layout and export extensions ship without type declarations.
declare module 'cytoscape-elk' {
  const ext: cytoscape.Ext;
  export default ext;
}
declare module 'cytoscape-svg' {
  const ext: cytoscape.Ext;
  export default ext;
}
