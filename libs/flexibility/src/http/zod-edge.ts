// The zod edge of the fleet API (issue 3), shared rather than copied: one pipe, one problem shape.
// Move both to @vpp/observability when a third context needs them.
export { ZodValidationPipe } from '../../../fleet/src/http/zod-validation.pipe';
export { openApiSchema } from '../../../fleet/src/http/schemas/fleet-api.primitives';
