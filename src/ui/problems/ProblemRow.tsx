import { useId, useState } from 'react';
import { BellOff, CircleAlert, CircleHelp, Info, TriangleAlert } from 'lucide-react';
import type { Diagnostic, DiagnosticLevel } from '../../engine';
import { isSilenceable, locationLabel, resourceLabel, RULES_BY_CODE } from './diagnosticText';

const LEVEL_ICONS = { error: CircleAlert, warning: TriangleAlert, info: Info } as const;

/**
 * One diagnostic: level, code, resource, message and place. The row's main button shows the place
 * in the design; the rule's help and the silence buttons sit beside it.
 */
export function ProblemRow({
  diagnostic,
  onReveal,
  onSilence,
}: {
  diagnostic: Diagnostic;
  onReveal: () => void;
  onSilence: (scope: 'resource' | 'everywhere') => void;
}) {
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const rule = RULES_BY_CODE.get(diagnostic.code);
  const level: DiagnosticLevel = diagnostic.level;
  const Icon = LEVEL_ICONS[level];
  const location = locationLabel(diagnostic);
  const resource =
    diagnostic.resource === undefined ? undefined : resourceLabel(diagnostic.resource);
  return (
    <li className={`problem-row problem-row--${level}`}>
      <button
        type="button"
        className="problem-main"
        data-problem-row=""
        aria-label={`${level}: ${diagnostic.code}${resource === undefined ? '' : ` ${resource}`}: ${diagnostic.message}${location === undefined ? '' : `, ${location}`}`}
        onClick={onReveal}
      >
        <Icon className="problem-icon" size={14} strokeWidth={2.25} aria-hidden="true" />
        <span className="problem-code">{diagnostic.code}</span>
        {resource !== undefined && <span className="problem-resource">{resource}</span>}
        <span className="problem-message">{diagnostic.message}</span>
        {location !== undefined && <span className="problem-location">{location}</span>}
      </button>
      <span className="problem-actions">
        {rule !== undefined && (
          <button
            type="button"
            className="button button-icon panel-icon-button"
            aria-label={`What is ${diagnostic.code}?`}
            aria-expanded={helpOpen}
            aria-controls={helpId}
            title={`${rule.name}: ${rule.description}`}
            onClick={() => setHelpOpen(!helpOpen)}
          >
            <CircleHelp size={13} aria-hidden="true" />
          </button>
        )}
        {isSilenceable(diagnostic) && diagnostic.resource !== undefined && (
          <button
            type="button"
            className="button panel-small-button problem-silence"
            aria-label={`Silence ${diagnostic.code} for ${resource}`}
            title={`Silence ${diagnostic.code} for ${resource} in this design`}
            onClick={() => onSilence('resource')}
          >
            <BellOff size={12} aria-hidden="true" />
            Silence here
          </button>
        )}
        {isSilenceable(diagnostic) && (
          <button
            type="button"
            className="button panel-small-button problem-silence"
            aria-label={`Silence ${diagnostic.code} everywhere`}
            title={`Silence ${diagnostic.code} everywhere in this design`}
            onClick={() => onSilence('everywhere')}
          >
            <BellOff size={12} aria-hidden="true" />
            Silence everywhere
          </button>
        )}
      </span>
      {helpOpen && rule !== undefined && (
        <p className="problem-help" id={helpId}>
          <strong>{rule.name}</strong> ({rule.source.replace('-', ' ')}, usually {rule.level}):{' '}
          {rule.description}
        </p>
      )}
    </li>
  );
}
