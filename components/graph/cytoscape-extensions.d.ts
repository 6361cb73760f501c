// The export extension ships without type declarations.
declare module 'cytoscape-svg' {
  const ext: cytoscape.Ext;
  export default ext;
}
