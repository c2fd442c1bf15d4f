import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecoveryCodes, SecondFactorProof, TotpConfirmBody, TotpEnrolment } from '@lrt/contracts';
import { authKeys } from '@/features/auth/api/keys';
import { api } from '@/lib/api-client';

/**
 * Setting up, renewing and turning off one's own two-factor sign-in. Each change asks who is signed in again,
 * since `Me.secondFactor` says whether it is on and how many recovery codes are left.
 */

/** A new secret and its QR code; nothing changes at sign-in until a code from it is confirmed. */
export const startTotp = () => api.post<TotpEnrolment>('/auth/mfa/totp', undefined);
/** Turns it on; answers the recovery codes, shown this once. */
export const confirmTotp = (body: TotpConfirmBody) => api.post<RecoveryCodes>('/auth/mfa/totp/confirm', body);
export const renewRecoveryCodes = (body: SecondFactorProof) => api.post<RecoveryCodes>('/auth/mfa/recovery-codes', body);
export const turnOffTwoFactor = (body: SecondFactorProof) => api.delete<void>('/auth/mfa', { body });

export const useStartTotp = () => useMutation({ mutationFn: startTotp });

function useRefreshingMe<TBody, TResult>(mutationFn: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }) });
}

export const useConfirmTotp = () => useRefreshingMe(confirmTotp);
export const useRenewRecoveryCodes = () => useRefreshingMe(renewRecoveryCodes);
export const useTurnOffTwoFactor = () => useRefreshingMe(turnOffTwoFactor);
