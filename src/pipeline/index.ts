export * from './pipelineDocument';
export * from './registry';
export * from './runPipeline';
export * from './runPipelineGroups';
export * from './stepDefinition';
export * from './validatePipeline';
