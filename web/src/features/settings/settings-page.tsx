import { useSearchParams } from '../../app/router';
import { PageHeader, Tabs } from '../../ui/card';
import { Async } from '../../ui/states';
import { AiSection } from './ai-section';
import { AuditSection } from './audit-section';
import { BackupsSection } from './backups-section';
import { CacheSection } from './cache-section';
import { GeneralSection } from './general-section';
import { ProxySection } from './proxy-section';
import { RoutingSection } from './routing-section';
import { SecuritySection } from './security-section';
import { useSettings } from './use-settings';
import './settings.css';

const sections = [
  { id: 'general', label: 'General' },
  { id: 'security', label: 'Security' },
  { id: 'routing', label: 'Routing' },
  { id: 'ai', label: 'AI' },
  { id: 'proxy', label: 'Proxy' },
  { id: 'cache', label: 'Cache' },
  { id: 'backups', label: 'Backups' },
  { id: 'audit', label: 'Audit log' },
] as const;
type Section = (typeof sections)[number]['id'];

/** Every gateway setting, one tab per area; the open tab is in the URL (`?section=backups`). */
export default function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const section: Section = sections.find((entry) => entry.id === params.get('section'))?.id ?? 'general';
  const settings = useSettings();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="settings-tabs">
        <Tabs
          label="Settings section"
          tabs={[...sections]}
          value={section}
          onChange={(id) => setParams({ section: id === 'general' ? undefined : id })}
        />
      </div>
      <div className="settings-body">
        {section === 'routing' ? (
          <RoutingSection />
        ) : section === 'proxy' ? (
          <ProxySection />
        ) : section === 'audit' ? (
          <AuditSection />
        ) : (
          <Async state={settings}>
            {(value) => {
              switch (section) {
                case 'general':
                  return <GeneralSection settings={value} patch={settings.patch} />;
                case 'security':
                  return <SecuritySection settings={value} reload={settings.reload} />;
                case 'ai':
                  return <AiSection settings={value} patch={settings.patch} replace={settings.replace} />;
                case 'cache':
                  return <CacheSection settings={value} patch={settings.patch} />;
                case 'backups':
                  return <BackupsSection settings={value} patch={settings.patch} />;
                default: {
                  const never: never = section;
                  return never;
                }
              }
            }}
          </Async>
        )}
      </div>
    </>
  );
}
