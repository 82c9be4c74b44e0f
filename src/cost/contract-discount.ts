import type { ContractTerms, PriceBasis } from './config/cost-config.js';

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * What a SKU costs relative to its list price under the contract: 1 − the discount of the first
 * SKU family matching it, else 1 − the flat discount; 1 without a contract.
 */
export function contractFactor(skuName: string, contract: ContractTerms | undefined): number {
  if (!contract) return 1;
  const family = contract.skuFamilies.find((f) => f.patterns.some((p) => globToRegExp(p).test(skuName)));
  const percent = family ? family.discountPercent : contract.flatDiscountPercent;
  return 1 - percent / 100;
}

/** Contract factors for a set of SKUs, for the rollup query. */
export function contractFactors(skuNames: Iterable<string>, contract: ContractTerms | undefined) {
  const factors: Record<string, number> = {};
  for (const sku of skuNames) factors[sku] = contractFactor(sku, contract);
  return factors;
}

/** How figures are labelled: "list" or "contract". */
export function basisLabel(basis: PriceBasis): string {
  return basis === 'contract' ? 'contract prices' : 'list prices';
}
