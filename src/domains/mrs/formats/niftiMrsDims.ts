/**
 * The NIfTI-MRS dimension tags of dims 5–7 and the index names the workbench gives them
 * [V: wtclarke/mrs_nifti_standard specification.MD v0.9, "dim_N" keys; mrs-notes §3.1].
 */

/** Tags a NIfTI-MRS file may give dims 5–7 (header extension keys `dim_5`, `dim_6`, `dim_7`). */
export const NIFTI_MRS_DIM_TAGS: readonly string[] = [
  'DIM_COIL',
  'DIM_DYN',
  'DIM_INDIRECT_0',
  'DIM_INDIRECT_1',
  'DIM_INDIRECT_2',
  'DIM_PHASE_CYCLE',
  'DIM_EDIT',
  'DIM_MEAS',
  'DIM_USER_0',
  'DIM_USER_1',
  'DIM_USER_2',
  'DIM_ISIS',
  'DIM_METCYCLE',
];

/** The tag of dim 5, 6 or 7 when the header extension names none (spec: coil, dynamics, indirect). */
export const DEFAULT_DIM_TAGS: Readonly<Record<5 | 6 | 7, string>> = {
  5: 'DIM_COIL',
  6: 'DIM_DYN',
  7: 'DIM_INDIRECT_0',
};

/** Spatial index names of an MRSI voxel (NIfTI dims 1–3). */
export const SPATIAL_INDEX_NAMES: readonly string[] = ['x', 'y', 'z'];

/**
 * Index name of a dim tag as it appears in `MrsRecord.indices` and `meta['index.<name>']`: lower
 * case without `DIM_` (`DIM_COIL` → `coil`, `DIM_EDIT` → `edit`), except `DIM_DYN` → `dynamic`.
 */
export function indexNameOfTag(tag: string): string {
  if (tag === 'DIM_DYN') return 'dynamic';
  return (tag.startsWith('DIM_') ? tag.slice(4) : tag).toLowerCase();
}

/** The dim tag of an index name (inverse of {@link indexNameOfTag}); undefined for names that are no tag. */
export function tagOfIndexName(name: string): string | undefined {
  const tag = name === 'dynamic' ? 'DIM_DYN' : `DIM_${name.toUpperCase()}`;
  return NIFTI_MRS_DIM_TAGS.includes(tag) ? tag : undefined;
}
