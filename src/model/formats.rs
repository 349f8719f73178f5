//! The two JSON shapes of a definition: the API shape (pipelineObjects,
//! parameterObjects, parameterValues) and the CLI definition file (objects,
//! parameters, values). Lossless in and out.
