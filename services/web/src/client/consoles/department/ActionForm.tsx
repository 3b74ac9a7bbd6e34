// One action on a task or a dossier: its own client command id (a double click or a retry changes
// nothing), its error in the user's language, a fresh id once it succeeded. An action with a legal
// consequence asks first: the consequence is stated and a second, explicit click confirms it.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { newCommandId } from '../../core/api.js';
import { useT } from '../../core/i18n.js';
import { ErrorMessage } from '../../core/ui.js';
import { words } from './i18n.js';

export function ActionForm(props: {
  title: string;
  submit: string;
  /** Runs the command with the form's command id; its resolution is the success message. */
  run: (commandId: string) => Promise<void>;
  /** The main action of the page: the filled button. */
  primary?: boolean;
  /** Refusal, apology, stop, return: what it means in law, confirmed before it is sent. */
  consequence?: string;
  children?: ComponentChildren;
}) {
  const t = useT(words);
  const [commandId, setCommandId] = useState(newCommandId);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const headingId = `action-${commandId}`;
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (props.consequence && !confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.run(commandId);
      setCommandId(newCommandId());
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const risky = Boolean(props.consequence);
  return (
    <form class={risky ? 'card risky' : 'card'} aria-labelledby={headingId} onSubmit={onSubmit}>
      <h3 id={headingId}>{props.title}</h3>
      {props.consequence && !confirming && <p class="muted">{props.consequence}</p>}
      <fieldset disabled={confirming || busy} class="plain">
        <legend class="visually-hidden">{props.title}</legend>
        {props.children}
      </fieldset>
      <ErrorMessage error={error} />
      {confirming ? (
        <div class="alert alert-warn" role="alert" data-testid="confirm">
          <p>
            <strong>{t('confirmQuestion')}</strong> {props.consequence}
          </p>
          <div class="actions">
            <button type="submit" class="danger" disabled={busy}>
              {t('confirmAction', { action: props.submit })}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('confirmCancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="submit"
          class={props.primary ? 'primary' : risky ? 'danger-outline' : undefined}
          disabled={busy}
        >
          {props.submit}
        </button>
      )}
    </form>
  );
}

/** Lines of a textarea as a list, blank lines dropped. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A `datetime-local` value (Vietnam wall time) as an instant. */
export const vietnamInstant = (local: string): string => new Date(`${local}:00+07:00`).toISOString();
