import { describe, expect, it } from 'vitest';
import {
  validateNamespaceName,
  validatePercentage,
  validateResourceName,
  validateSubsetName,
  validateWeight,
} from './inputChecks';

describe('input checks', () => {
  it('accepts Kubernetes names and refuses what the API server refuses', () => {
    expect(validateResourceName('reviews.v2')).toBeUndefined();
    expect(validateResourceName('Reviews')).toMatch(/lowercase RFC 1123 subdomain/);
    expect(validateResourceName('-reviews')).toMatch(/start and end with an alphanumeric/);
    expect(validateResourceName('a'.repeat(254))).toBe('must be no more than 253 characters');
    expect(validateNamespaceName('book-info')).toBeUndefined();
    expect(validateNamespaceName('book.info')).toMatch(/lowercase RFC 1123 label/);
  });

  it('checks subset names, percentages and weights in Istio’s words', () => {
    expect(validateSubsetName('v2')).toBeUndefined();
    expect(validateSubsetName('v_2')).toBe('subset name is invalid: v_2');
    expect(validatePercentage(0.5)).toBeUndefined();
    expect(validatePercentage(100)).toBeUndefined();
    expect(validatePercentage(101)).toBe('percentage 101 is not in range 0..100');
    expect(validatePercentage(-1)).toBe('percentage -1 is not in range 0..100');
    expect(validateWeight(0)).toBeUndefined();
    expect(validateWeight(-5)).toBe('weight -5 < 0');
    expect(validateWeight(2.5)).toBe('weight 2.5 is not a whole number');
  });
});
