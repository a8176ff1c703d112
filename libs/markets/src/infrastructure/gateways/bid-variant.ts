/**
 * The variant part of a stored bid's key (`bidKeyOf`: `bid.<product>.<portfolio>.<direction>.<start>.<known_at>[.<variant>]`),
 * read from the fields the key starts with, so a variant holding dots (an IDCONS `event.ean`) stays whole.
 * '' when the bid has none. The known_at is left out on purpose: a bid rebuilt from newer inputs
 * keeps its client order id and replaces the first order.
 */
export function bidVariantOf(bid: { readonly bidKey: string; readonly productCode: string; readonly portfolioId: string; readonly direction: string }): string {
  const prefix = `bid.${bid.productCode}.${bid.portfolioId}.${bid.direction}.`;
  if (!bid.bidKey.startsWith(prefix)) return '';
  const [, , ...variant] = bid.bidKey.slice(prefix.length).split('.');
  return variant.join('.');
}
