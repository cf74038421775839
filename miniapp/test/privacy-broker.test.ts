import Taro from '@tarojs/taro';
import { addPrivacyDialog, bringPrivacyDialogToFront, listenForPrivacyRequests } from '../src/services/privacy';

type Option = { event: string };
type Listener = (resolve: (option: Option) => void) => void;

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { onNeedPrivacyAuthorization: jest.fn() } }));

/** The one listener the app gives WeChat, registered as the weapp build does. */
function appListener(): Listener {
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    listenForPrivacyRequests();
  } finally {
    process.env.TARO_ENV = previous;
  }
  const register = Taro.onNeedPrivacyAuthorization as unknown as jest.Mock;
  expect(register).toHaveBeenCalledTimes(1);
  return register.mock.calls[0][0] as Listener;
}

/** A page's dialog that records which held calls it was handed. */
function dialog(name: string, handed: string[]) {
  return () => handed.push(name);
}

describe('the app’s privacy listener with several pages open', () => {
  const listener = appListener();
  const handed: string[] = [];
  const ask = () => listener(() => undefined);

  afterEach(() => {
    handed.length = 0;
  });

  it('when two pages are open, then the held call goes to the one opened last (on screen)', () => {
    const removeSubmit = addPrivacyDialog(dialog('submit', handed));
    const removeItem = addPrivacyDialog(dialog('catalog item', handed));
    ask();
    removeItem();
    ask();
    removeSubmit();
    expect(handed).toEqual(['catalog item', 'submit']);
  });

  it('when a page below comes back on screen, then it takes the next held call', () => {
    const submit = dialog('submit', handed);
    const me = dialog('me', handed);
    const removeSubmit = addPrivacyDialog(submit);
    const removeMe = addPrivacyDialog(me);
    bringPrivacyDialogToFront(submit);
    ask();
    removeSubmit();
    removeMe();
    expect(handed).toEqual(['submit']);
  });

  it('when no open page has a dialog, then the call is refused at once instead of hanging', () => {
    const answers: Option[] = [];
    listener((option) => answers.push(option));
    expect(answers).toEqual([{ event: 'disagree' }]);
    expect(handed).toEqual([]);
  });
});
