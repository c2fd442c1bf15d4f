import { useParams } from 'react-router';

/** A positive integer id from the route, or null when the URL holds something else. */
export function useIdParam(name: string): number | null {
  const value = useParams()[name];
  const id = Number(value);
  return value && /^\d+$/.test(value) && Number.isSafeInteger(id) && id > 0 ? id : null;
}
