import * as tf from '@tensorflow/tfjs';
export const version = tf.version;
