export * from './listen';
export * from './wechat/wechat-simulator';
