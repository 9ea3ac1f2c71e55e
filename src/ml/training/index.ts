export * from './dataset';
export * from './learningRate';
export * from './random';
export * from './toyGenerators';
export * from './train';
export * from './yieldToEventLoop';
