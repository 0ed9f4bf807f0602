/**
 * Client side: whether the session may do what a step-up grants (GET /api/step-up).
 * Asked again after a write is refused with `step_up_required`.
 */
import useSWR from 'swr';
import { type ApiError, fetchJson } from '@/lib/fetch-json';
import type { StepUpStatus } from '@/lib/step-up';

export const STEP_UP_KEY = '/api/step-up';

export function useStepUp() {
  return useSWR<StepUpStatus, ApiError>(STEP_UP_KEY, fetchJson, {
    shouldRetryOnError: (error: ApiError) => error.status >= 500,
    errorRetryCount: 2,
  });
}
