/**
 * Pixels WeChat keeps between a textarea's caret and the keyboard: room for the character counter and the
 * field's error below it, which would otherwise hide behind the keyboard while typing.
 */
export const TEXTAREA_CURSOR_SPACING = 100;
