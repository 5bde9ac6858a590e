// The built-in catalogue: one module per indicator, its id matching its path (a contract test
// checks this and that each has its own test). Written with the same API users' plug-ins get.
import type { IndicatorDefinition } from '../src/define.js';
import financeContributingCompanies from './finance/contributing_companies.js';
import financeDonationsMobilised from './finance/donations_mobilised.js';
import financeExits from './finance/exits.js';
import financeInvested from './finance/invested.js';
import financeInvestedDirect from './finance/invested_direct.js';
import financeInvestedViaFunds from './finance/invested_via_funds.js';
import financeLeverage from './finance/leverage.js';
import financeOrganisationsSupported from './finance/organisations_supported.js';
import financeOutstanding from './finance/outstanding.js';
import financePortfolioOrganisations from './finance/portfolio_organisations.js';
import mobilityLiftRate from './mobility/lift_rate.js';
import mobilityLifted from './mobility/lifted_out_of_precarity.js';
import mobilityPeopleInPrecarity from './mobility/people_in_precarity_at_intake.js';
import mobilityPeopleSupported from './mobility/people_supported.js';
import mobilityPlatformsOpen from './mobility/platforms_open.js';
import mobilityPlatformsOpened from './mobility/platforms_opened.js';
import mobilityPositiveOutcomes from './mobility/positive_outcomes.js';
import networkIntroductions from './network/introductions.js';
import networkOrientations from './network/orientations.js';
import territoryDepartementsCovered from './territory/departements_covered.js';
import territoryQpvShare from './territory/qpv_share.js';
import youthCostPerYoungPerson from './youth/cost_per_young_person.js';
import youthReached from './youth/reached.js';
import youthReachedPerKeur from './youth/reached_per_keur.js';

/** In the order of INDICATORS.md's catalogue, which is the order reports list them in. */
export const builtInIndicators: IndicatorDefinition<unknown>[] = [
  mobilityPeopleSupported,
  mobilityPeopleInPrecarity,
  mobilityLifted,
  mobilityLiftRate,
  mobilityPositiveOutcomes,
  mobilityPlatformsOpen,
  mobilityPlatformsOpened,
  youthReached,
  youthReachedPerKeur,
  youthCostPerYoungPerson,
  financeInvested,
  financeInvestedDirect,
  financeInvestedViaFunds,
  financeLeverage,
  financeOrganisationsSupported,
  financeOutstanding,
  financeExits,
  financePortfolioOrganisations,
  financeDonationsMobilised,
  financeContributingCompanies,
  networkOrientations,
  networkIntroductions,
  territoryDepartementsCovered,
  territoryQpvShare,
] as IndicatorDefinition<unknown>[];
