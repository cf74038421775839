/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the build; affects the bundle produced. */
    NODE_ENV: 'development' | 'production';
    /** The platform being built for. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** The mini-program appid, from .env files. */
    TARO_APP_ID: string;
    /** Origin of the BFF, e.g. 'http://127.0.0.1:3000'; '' means same origin (H5 served by the BFF). */
    TARO_APP_API_BASE: string;
    /** Subscription message template ids asked for on the submit tap, comma-separated (at most three used). */
    TARO_APP_SUBSCRIBE_TEMPLATE_IDS: string;
  }
}
