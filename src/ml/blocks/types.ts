/** Config vocabulary shared by the blocks and architectures (plain JSON, stored in model cards). */

/** Activations offered by the blocks: the ones an ONNX exporter maps one-to-one. */
export const blockActivations = ['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'linear', 'swish', 'softplus'] as const;
export type BlockActivation = (typeof blockActivations)[number];

/**
 * Output head: `classifier` = `outputs` mutually exclusive classes (softmax), `multiLabel` =
 * `outputs` independent yes/no labels (sigmoid, e.g. nuclides present), `regressor` = `outputs`
 * real values (linear).
 */
export const headKinds = ['classifier', 'multiLabel', 'regressor'] as const;
export type HeadKind = (typeof headKinds)[number];

/** How a downsample block halves the length: max or average pooling [1,2], or a conv [1,3] stride [1,2]. */
export const downsampleModes = ['maxPool', 'averagePool', 'stridedConv'] as const;
export type DownsampleMode = (typeof downsampleModes)[number];

/** How an upsample block doubles the length: nearest-neighbour upSampling2d [1,2] or conv2dTranspose [1,2]. */
export const upsampleModes = ['upSampling', 'transposedConv'] as const;
export type UpsampleMode = (typeof upsampleModes)[number];

/** Default seed of every config. */
export const defaultSeed = 1;
