/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** The city's public facts (hotline, operator, privacy guide), baked in by the build from config/cities/. */
declare const HOTLINE_CITY: import('../config/build-settings').PublicCity;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the build; affects the bundle produced. */
    NODE_ENV: 'development' | 'production';
    /** The platform being built for. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** The mini-program appid, from .env files. */
    TARO_APP_ID: string;
    /** Origin of the BFF, e.g. 'https://api.example.gov.cn'; '' means same origin (H5 served by the BFF). */
    TARO_APP_API_BASE: string;
    /** Subscription message template ids asked for on the submit tap, comma-separated (at most three used). */
    TARO_APP_SUBSCRIBE_TEMPLATE_IDS: string;
  }
}
