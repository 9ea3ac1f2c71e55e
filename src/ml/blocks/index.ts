/**
 * Shared 1D network building blocks on the `[N, 1, L, C]` layout (see README.md): blocks, whole
 * architectures, the `buildModel(spec)` entry point, custom layers and in-memory serialisation.
 */
export {
  type Autoencoder1d,
  type Autoencoder1dConfig,
  buildAutoencoder1d,
  buildAutoencoder1dModel,
} from './autoencoder1d';
export { type ArchitectureKind, type ArchitectureSpec, buildModel } from './buildModel';
export { buildCnn1d, type Cnn1dConfig, type CnnTrunkConfig, cnnTrunk, spectrumInput } from './cnn1d';
export {
  type Block,
  type ConvBlockConfig,
  convBlock,
  type DenseBlockConfig,
  type DownsampleConfig,
  denseBlock,
  downsample,
  dropoutBlock,
  type HeadConfig,
  headBlock,
  type UpsampleConfig,
  upsample,
} from './convBlock';
export { isMcDropoutActive, McDropout, type McDropoutArgs, mcDropout, setMcDropoutActive } from './mcDropout';
export { buildMlp, type MlpConfig } from './mlp';
export { blockLayerClasses, registerBlockLayers } from './registerBlockLayers';
export { resetRandomStreams } from './resetRandomStreams';
export { buildSequenceModel, type SequenceModelConfig } from './sequenceModel';
export { loadFromMemory, saveToMemory } from './serialization';
export { type EncoderDecoder, latentLayerNames, replaySubModel, splitAutoencoder1d, splitVae1d } from './subModel';
export { buildTwoHeaded, type TwoHeadedConfig } from './twoHeaded';
export type { BlockActivation, DownsampleMode, HeadKind, UpsampleMode } from './types';
export { buildUNet1d, type UNet1dConfig } from './unet1d';
export { buildVae1d, buildVae1dModel, sampleVae, type Vae1dConfig } from './vae1d';
export { VaeSampling, type VaeSamplingArgs, vaeKlDivergence } from './vaeSampling';
