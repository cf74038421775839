import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { signIn } from './services/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Signing in early makes the first call faster; if it fails, the first authorized call signs in again.
    signIn().catch(() => undefined);
  });

  return children;
}

export default App;
