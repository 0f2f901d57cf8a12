import type { AnalyzerRule } from '../types';
import { referencedResourceNotFoundRule } from './ist0101-referencedResourceNotFound';
import { destinationRuleValidationRule } from './ist0106-destinationRuleValidation';
import { gatewayValidationRule } from './ist0106-gatewayValidation';
import { httpRouteValidationRule } from './ist0106-httpRouteValidation';
import { metadataValidationRule } from './ist0106-metadataValidation';
import { serviceEntryValidationRule } from './ist0106-serviceEntryValidation';
import { virtualServiceValidationRule } from './ist0106-virtualServiceValidation';
import { conflictingMeshGatewayVirtualServiceHostsRule } from './ist0109-conflictingMeshGatewayVirtualServiceHosts';
import { virtualServiceDestinationPortSelectorRequiredRule } from './ist0112-virtualServiceDestinationPortSelectorRequired';
import { portNameIsNotUnderNamingConventionRule } from './ist0118-portNameIsNotUnderNamingConvention';
import { noServerCertificateVerificationDestinationLevelRule } from './ist0128-noServerCertificateVerificationDestinationLevel';
import { noServerCertificateVerificationPortLevelRule } from './ist0129-noServerCertificateVerificationPortLevel';
import { virtualServiceUnreachableRule } from './ist0130-virtualServiceUnreachableRule';
import { virtualServiceIneffectiveMatchRule } from './ist0131-virtualServiceIneffectiveMatch';
import { virtualServiceHostNotFoundInGatewayRule } from './ist0132-virtualServiceHostNotFoundInGateway';
import { serviceEntryAddressesRequiredRule } from './ist0134-serviceEntryAddressesRequired';
import { gatewayDuplicateCertificateRule } from './ist0138-gatewayDuplicateCertificate';
import { ingressRouteRulesNotAffectedRule } from './ist0140-ingressRouteRulesNotAffected';
import { conflictingGatewaysRule } from './ist0145-conflictingGateways';
import { gatewayPortNotDefinedOnServiceRule } from './ist0162-gatewayPortNotDefinedOnService';
import { destinationRuleSubsetNotSelectPodsRule } from './ist0173-destinationRuleSubsetNotSelectPods';
import { unknownDestinationRuleHostRule } from './ist0174-unknownDestinationRuleHost';
import { conflictingServiceEntryProtocolRule } from './ist0177-conflictingServiceEntryProtocol';
import { httpsServerWithoutTlsModeRule } from './sp1001-httpsServerWithoutTlsMode';
import { rewriteSlashMismatchRule } from './sp1002-rewriteSlashMismatch';
import { faultWithoutPercentageRule } from './sp1003-faultWithoutPercentage';
import { mergeOrderFromMissingTimestampsRule } from './sp1004-mergeOrderFromMissingTimestamps';
import { unsupportedRedirectCodeRule } from './sp1005-unsupportedRedirectCode';
import { hiddenFromIngressByExportToRule } from './sp1006-hiddenFromIngressByExportTo';
import { ignoredMatchHeaderKeyRule } from './sp1007-ignoredMatchHeaderKey';
import { unknownFieldRule } from './sp1008-unknownField';

/** Every analyzer rule, one per file, in code order. */
export const RULES: readonly AnalyzerRule[] = [
  referencedResourceNotFoundRule,
  metadataValidationRule,
  gatewayValidationRule,
  virtualServiceValidationRule,
  httpRouteValidationRule,
  destinationRuleValidationRule,
  serviceEntryValidationRule,
  conflictingMeshGatewayVirtualServiceHostsRule,
  virtualServiceDestinationPortSelectorRequiredRule,
  portNameIsNotUnderNamingConventionRule,
  noServerCertificateVerificationDestinationLevelRule,
  noServerCertificateVerificationPortLevelRule,
  virtualServiceUnreachableRule,
  virtualServiceIneffectiveMatchRule,
  virtualServiceHostNotFoundInGatewayRule,
  serviceEntryAddressesRequiredRule,
  gatewayDuplicateCertificateRule,
  ingressRouteRulesNotAffectedRule,
  conflictingGatewaysRule,
  gatewayPortNotDefinedOnServiceRule,
  destinationRuleSubsetNotSelectPodsRule,
  unknownDestinationRuleHostRule,
  conflictingServiceEntryProtocolRule,
  httpsServerWithoutTlsModeRule,
  rewriteSlashMismatchRule,
  faultWithoutPercentageRule,
  mergeOrderFromMissingTimestampsRule,
  unsupportedRedirectCodeRule,
  hiddenFromIngressByExportToRule,
  ignoredMatchHeaderKeyRule,
  unknownFieldRule,
];
