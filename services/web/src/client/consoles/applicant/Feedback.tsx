import { useState } from 'preact/hooks';
import { newCommandId, post } from '../../core/api.js';
import { useT } from '../../core/i18n.js';
import { ErrorMessage, TextAreaField } from '../../core/ui.js';
import { words } from './i18n.js';

const RATINGS = [5, 4, 3, 2, 1] as const;

/** The applicant's satisfaction after the result (once): 1…5 and an optional comment. */
export function Feedback({
  dossierId,
  given,
  onDone,
}: {
  dossierId: string;
  given?: number;
  onDone: () => void;
}) {
  const t = useT(words);
  const [rating, setRating] = useState<number>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [commandId] = useState(newCommandId);
  if (given !== undefined) {
    return (
      <p class="alert alert-ok" role="status">
        {t('feedbackThanks', { rating: t(`rating.${given}` as 'rating.1') })}
      </p>
    );
  }
  return (
    <form
      class="card"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!rating) return setError(new Error(t('feedbackChoose')));
        try {
          await post('intake', `/dossiers/${dossierId}/feedback`, {
            commandId,
            rating,
            comment: comment.trim(),
          });
          onDone();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h2>{t('feedbackTitle')}</h2>
      <fieldset>
        <legend>{t('feedbackRating')}</legend>
        {RATINGS.map((r) => (
          <div class="check" key={r}>
            <input
              type="radio"
              id={`rating-${r}`}
              name="rating"
              value={r}
              checked={rating === r}
              onChange={() => setRating(r)}
            />
            <label for={`rating-${r}`}>{t(`rating.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        label={t('feedbackComment')}
        maxLength={2000}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" class="primary">
        {t('feedbackSend')}
      </button>
    </form>
  );
}
