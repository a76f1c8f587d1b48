import { buildServer } from './harness';

// The journeys drive the compiled server, as production runs it.
export default function setup() {
  buildServer();
}
