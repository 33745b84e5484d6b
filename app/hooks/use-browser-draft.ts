/**
 * Offers a draft kept in this browser that differs from what the page shows: typed while the
 * connection was gone, or in a tab that was closed before it could be saved.
 */
import { useEffect, useState, type RefObject } from 'react';
import {
  applyDraft,
  clearDraft,
  loadDraft,
  matchesForm,
  type BrowserDraft,
} from '../lib/browser-draft';

export function useBrowserDraft(
  form: RefObject<HTMLFormElement | null>,
  options: { readonly enabled: boolean; readonly draftKey: string; readonly justSaved: boolean },
) {
  const [offer, setOffer] = useState<BrowserDraft | null>(null);
  const { enabled, draftKey, justSaved } = options;
  useEffect(() => {
    const element = form.current;
    if (!element || !enabled) return;
    // The page was just saved with its Save button: what it shows is stored.
    if (justSaved) {
      clearDraft(draftKey);
      return;
    }
    const draft = loadDraft(draftKey);
    if (!draft) return;
    if (matchesForm(draft, element)) clearDraft(draftKey);
    else setOffer(draft);
  }, [form, enabled, draftKey, justSaved]);
  return {
    offer,
    restore() {
      const element = form.current;
      if (!element || !offer) return;
      applyDraft(offer, element);
      setOffer(null);
      // Saves the restored answers through autosave, as if they had just been typed.
      element.dispatchEvent(new Event('change', { bubbles: true }));
    },
    discard() {
      clearDraft(draftKey);
      setOffer(null);
    },
  };
}
