import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Escape closes; focus moves into the panel on open and back to where it was on close. */
function useOverlay(onClose: () => void) {
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const focusable = panel.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.overlay-close)');
    (focusable ?? panel.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);
  return panel;
}

export interface OverlayProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom (the dialog's actions). */
  footer?: ReactNode;
  wide?: boolean;
}

/** A modal dialog: for short forms and confirmations. */
export function Dialog({ title, onClose, children, footer, wide }: OverlayProps) {
  const panel = useOverlay(onClose);
  const titleId = useId();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape and × are the keyboard way
    <div className="overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={panel}
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="overlay-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="overlay-close" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <div className="overlay-body">{children}</div>
        {footer && <footer className="overlay-footer">{footer}</footer>}
      </div>
    </div>
  );
}

/** A panel sliding in from the right (full width on phones): for details and longer forms. */
export function Drawer({ title, onClose, children, footer }: OverlayProps) {
  const panel = useOverlay(onClose);
  const titleId = useId();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape and × are the keyboard way
    <div className="overlay overlay-drawer" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={panel} className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <header className="overlay-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="overlay-close" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <div className="overlay-body">{children}</div>
        {footer && <footer className="overlay-footer">{footer}</footer>}
      </div>
    </div>
  );
}

/** A yes/no question before something destructive. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel = 'Confirm',
  onConfirm,
  onCancel,
  busy,
}: {
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
