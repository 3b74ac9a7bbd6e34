// One action on a task or a dossier: its own client command id (a double click or a retry changes
// nothing), its error in the user's language, a fresh id once it succeeded.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { newCommandId } from '../../core/api.js';
import { ErrorMessage } from '../../core/ui.js';

export function ActionForm(props: {
  title: string;
  submit: string;
  /** Runs the command with the form's command id; its resolution is the success message. */
  run: (commandId: string) => Promise<void>;
  danger?: boolean;
  children?: ComponentChildren;
}) {
  const [commandId, setCommandId] = useState(newCommandId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const headingId = `action-${commandId}`;
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.run(commandId);
      setCommandId(newCommandId());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" aria-labelledby={headingId} onSubmit={onSubmit}>
      <h3 id={headingId}>{props.title}</h3>
      {props.children}
      <ErrorMessage error={error} />
      <button type="submit" class={props.danger ? undefined : 'primary'} disabled={busy}>
        {props.submit}
      </button>
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
