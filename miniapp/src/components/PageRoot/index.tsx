import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useCareMode } from '../../hooks/useCareMode';

/**
 * The root of every page. It carries `page-root` (the standard sizes, as CSS variables) and, in care mode,
 * `care-mode`, which redefines the variables: one switch scales text, line spacing and tap targets everywhere.
 */
export function PageRoot({ className, children }: PropsWithChildren<{ className: string }>) {
  const { on } = useCareMode();
  return <View className={`page-root${on ? ' care-mode' : ''} ${className}`}>{children}</View>;
}
