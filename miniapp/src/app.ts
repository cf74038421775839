import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { listenForPrivacyRequests } from './services/privacy';
import { signIn } from './services/session';
import { offerNewVersions } from './services/updates';
import './app.scss';

// Registered once, before any page: WeChat keeps only the last listener, and the pages share this one.
listenForPrivacyRequests();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Signing in early makes the first call faster; if it fails, the first authorized call signs in again.
    signIn().catch(() => undefined);
    offerNewVersions();
  });

  return children;
}

export default App;
