import { useEffect, useState } from 'react';
import { Button } from './button';

/** Clipboard API where the page is a secure context; otherwise a hidden textarea and execCommand. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function CopyButton({
  text,
  label = 'Copy',
  size = 'small',
}: {
  text: string;
  label?: string;
  size?: 'normal' | 'small';
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = () => {
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <Button
      size={size}
      onClick={onClick}
      aria-label={`${label}: ${state === 'copied' ? 'copied' : 'copy to clipboard'}`}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </Button>
  );
}

/** A block of code (a command, a config snippet) with its copy button. */
export function CodeBlock({ code, label }: { code: string; label?: string }) {
  return (
    <div className="code-block">
      {label && <div className="code-block-label">{label}</div>}
      <pre>
        <code>{code}</code>
      </pre>
      <div className="code-block-copy">
        <CopyButton text={code} />
      </div>
    </div>
  );
}
