import { validateXML } from 'xmllint-wasm';
import { UFTP_AGR_DSO_XSD } from '../schema/uftp-agr-dso.xsd';
import { UFTP_COMMON_XSD } from '../schema/uftp-common.xsd';

/**
 * Validates a SignedMessage or an inner message against our UFTP 3.0 schema subset with libxml2
 * (xmllint-wasm). Returns the problems, empty when valid. Element names decide the type, so any
 * message this schema does not know (D-Prognosis, FlexSettlement, ...) is invalid here.
 */
export async function uftpSchemaProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: 'UFTP-agr-dso.xsd', contents: UFTP_AGR_DSO_XSD }],
    preload: [{ fileName: 'UFTP-common.xsd', contents: UFTP_COMMON_XSD }],
  });
  return result.valid ? [] : result.errors.map((error) => error.message);
}
