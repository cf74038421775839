import { Text } from '@tarojs/components';
import type { CaseFormErrors, CaseFormField } from '../../hooks/useCaseForm';

/** The message for one field, right under it; the class names the field so tests and styles find it. */
export function FieldError({ errors, field }: { errors: CaseFormErrors; field: CaseFormField }) {
  const message = errors[field];
  return message ? <Text className={`field-error field-error--${field}`}>{message}</Text> : null;
}
