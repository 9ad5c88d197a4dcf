// Stands in for @grpc/grpc-js and @grpc/proto-loader in the bundle. dockerode loads them at
// start-up only for BuildKit sessions (buildImage with version "2"), which Docker Workbench does
// not use (it builds with the docker CLI, or the classic builder through the API). Leaving them
// out removes ~800 KB from the bundle and their load time from activation.
'use strict';
function unsupported() {
  throw new Error('BuildKit sessions through the Engine API are not supported by Docker Workbench; build with the docker CLI.');
}
module.exports = new Proxy({}, { get: (_target, name) => (name === '__esModule' ? false : unsupported) });
