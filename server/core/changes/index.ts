/** The change engine's pure core: edits → desired model → plan. */
export { type ApplyEditsResult, applyEdits, EDIT_OPS, MAX_EDITS } from './apply-edits';
export { type ChangesFileResult, MAX_CHANGES_FILE_BYTES, parseChangesFile } from './changes-file';
export * as cidr from './cidr';
export { ChangesFile, Edit, type EditError, type EditInput, type EditOf, type EditOp } from './edits';
export { editsJsonSchema } from './json-schema';
