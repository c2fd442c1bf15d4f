import type { Agency, Role, Subgroup } from '@lrt/contracts';
import { ROLES } from '@lrt/contracts/constants';
import { CheckboxGroup } from '@/components/checkbox-group';
import { ROLE_LABELS } from '@/lib/contract-constants';

/** What each role may do, in a sentence: the rules themselves live in the API. */
const ROLE_HINTS: Record<Role, string> = {
  admin: 'Sets up reviews and actions, chases agencies, assures actions, and manages users and settings.',
  agency_lead: 'Sees what their agencies owe and posts progress updates on their actions.',
  subgroup_chair: 'Oversees the reviews and actions of their subgroups and assures completed actions.',
  independent_chair: 'Reads everything and prepares board assurance reports; changes nothing.',
  viewer: 'Reads everything; changes nothing.',
};

export interface RoleValues {
  roles: Role[];
  agencyIds: number[];
  subgroupIds: number[];
}

/**
 * The links sent with the roles: agencies only for agency leads and subgroups only for subgroup chairs. Ticks
 * made under a role that was then unticked are kept on screen (in case it is ticked again) but not sent.
 */
export const roleLinks = (values: RoleValues) => ({
  roles: values.roles,
  agencyIds: values.roles.includes('agency_lead') ? values.agencyIds : [],
  subgroupIds: values.roles.includes('subgroup_chair') ? values.subgroupIds : [],
});

export interface RoleFieldsProps {
  /** Prefix of the ids: `<prefix>-roles`, `<prefix>-agencies`, `<prefix>-subgroups`. */
  idPrefix: string;
  values: RoleValues;
  onChange: (values: RoleValues) => void;
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  errors: { roles?: string | undefined; agencyIds?: string | undefined; subgroupIds?: string | undefined };
}

/**
 * Roles as checkboxes. Ticking "Agency lead" reveals the agencies they lead for, and "Subgroup chair" the
 * subgroups they chair (the GOV.UK conditional reveal, announced to screen readers).
 */
export function RoleFields({ idPrefix, values, onChange, agencies, subgroups, errors }: RoleFieldsProps) {
  // Inactive agencies are offered only to people already linked to them.
  const agencyChoices = agencies.filter((agency) => agency.active || values.agencyIds.includes(agency.id));

  const agencyQuestion = (
    <CheckboxGroup
      id={`${idPrefix}-agencies`}
      name="agencyIds"
      legend="Which agencies do they lead for?"
      legendSize="s"
      hint="They see these agencies’ actions and post updates for them. Select all that apply."
      error={errors.agencyIds}
      small
      options={agencyChoices.map((agency) => ({
        value: String(agency.id),
        label: `${agency.name} (${agency.shortName})${agency.active ? '' : ', inactive'}`,
      }))}
      values={values.agencyIds.map(String)}
      onChange={(ids) => onChange({ ...values, agencyIds: ids.map(Number) })}
    />
  );

  const subgroupQuestion = (
    <CheckboxGroup
      id={`${idPrefix}-subgroups`}
      name="subgroupIds"
      legend="Which subgroups do they chair?"
      legendSize="s"
      hint="Select all that apply."
      error={errors.subgroupIds}
      small
      options={subgroups.map((subgroup) => ({ value: String(subgroup.id), label: subgroup.name }))}
      values={values.subgroupIds.map(String)}
      onChange={(ids) => onChange({ ...values, subgroupIds: ids.map(Number) })}
    />
  );

  return (
    <CheckboxGroup
      id={`${idPrefix}-roles`}
      name="roles"
      legend="Roles"
      legendSize="s"
      hint="What this person may do. Select all that apply."
      error={errors.roles}
      options={ROLES.map((role) => ({
        value: role,
        label: ROLE_LABELS[role],
        hint: ROLE_HINTS[role],
        ...(role === 'agency_lead'
          ? {
              conditional: agencyChoices.length > 0 ? agencyQuestion : <p className="govuk-body">Add the agency first, under Administration, Agencies.</p>,
              conditionalAnnouncement: 'Agencies they lead for are shown below Agency lead',
            }
          : {}),
        ...(role === 'subgroup_chair'
          ? {
              conditional: subgroups.length > 0 ? subgroupQuestion : <p className="govuk-body">Add the subgroup first, under Administration, Subgroups.</p>,
              conditionalAnnouncement: 'Subgroups they chair are shown below Subgroup chair',
            }
          : {}),
      }))}
      values={values.roles}
      onChange={(roles) => onChange({ ...values, roles: roles as Role[] })}
    />
  );
}
