import { z } from 'zod';

// OCPI 2.2.1 version_information_endpoint.asciidoc.

export const OCPI_VERSION = '2.2.1';

export const ocpiModuleIdSchema = z.enum([
  'cdrs', 'chargingprofiles', 'commands', 'credentials', 'hubclientinfo', 'locations', 'sessions', 'tariffs', 'tokens',
]);

export const versionSchema = z.object({ version: z.string().max(8), url: z.string().url() });
export const versionListSchema = z.array(versionSchema);

export const endpointSchema = z.object({
  identifier: ocpiModuleIdSchema,
  role: z.enum(['SENDER', 'RECEIVER']),
  url: z.string().url(),
});

export const versionDetailsSchema = z.object({
  version: z.string().max(8),
  endpoints: z.array(endpointSchema),
});

export type OcpiModuleId = z.infer<typeof ocpiModuleIdSchema>;
export type OcpiEndpoint = z.infer<typeof endpointSchema>;
export type OcpiVersionDetails = z.infer<typeof versionDetailsSchema>;

/** The endpoint of one module and interface role, or undefined. */
export function findEndpoint(endpoints: readonly OcpiEndpoint[], identifier: OcpiModuleId, role: 'SENDER' | 'RECEIVER'): string | undefined {
  return endpoints.find((endpoint) => endpoint.identifier === identifier && endpoint.role === role)?.url;
}
