/**
 * One entry point from a JSON spec to a model, so that a model card can store the spec and rebuild
 * the (untrained) architecture: `buildModel(JSON.parse(card.architecture))`.
 */
import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { type Autoencoder1dConfig, buildAutoencoder1dModel } from './autoencoder1d';
import { buildCnn1d, type Cnn1dConfig } from './cnn1d';
import { buildMlp, type MlpConfig } from './mlp';
import { buildSequenceModel, type SequenceModelConfig } from './sequenceModel';
import { buildTwoHeaded, type TwoHeadedConfig } from './twoHeaded';
import { buildUNet1d, type UNet1dConfig } from './unet1d';
import { buildVae1dModel, type Vae1dConfig } from './vae1d';

/** A whole architecture as plain JSON: `kind` picks the builder, the rest is its config. */
export type ArchitectureSpec =
  | ({ kind: 'cnn1d' } & Cnn1dConfig)
  | ({ kind: 'unet1d' } & UNet1dConfig)
  | ({ kind: 'autoencoder1d' } & Autoencoder1dConfig)
  | ({ kind: 'vae1d' } & Vae1dConfig)
  | ({ kind: 'twoHeaded' } & TwoHeadedConfig)
  | ({ kind: 'sequence' } & SequenceModelConfig)
  | ({ kind: 'mlp' } & MlpConfig);

/** The `kind`s of {@link ArchitectureSpec}. */
export type ArchitectureKind = ArchitectureSpec['kind'];

/**
 * Builds the uncompiled model of a spec; the caller owns it (`model.dispose()`). Autoencoder and
 * VAE give the full model; get their encoder and decoder with `splitAutoencoder1d` / `splitVae1d`.
 * Same spec (including `seed`), same initial weights, on every backend.
 */
export function buildModel(spec: ArchitectureSpec): tf.LayersModel {
  switch (spec.kind) {
    case 'cnn1d':
      return buildCnn1d(spec);
    case 'unet1d':
      return buildUNet1d(spec);
    case 'autoencoder1d':
      return buildAutoencoder1dModel(spec);
    case 'vae1d':
      return buildVae1dModel(spec);
    case 'twoHeaded':
      return buildTwoHeaded(spec);
    case 'sequence':
      return buildSequenceModel(spec);
    case 'mlp':
      return buildMlp(spec);
    default: {
      const unknown: never = spec;
      throw new WorkbenchError('INVALID_OPTION', `unknown architecture kind ${(unknown as { kind: unknown }).kind}`);
    }
  }
}
