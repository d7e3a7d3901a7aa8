import { useState } from 'react';
import { PageHeader } from '../../ui/card';
import { type CliTool, cliTools, type ToolStatus } from './cli-tool-types';
import { SetupDialog } from './setup-dialog';
import { ToolCard } from './tool-card';
import './cli-tools.css';

/** CLI tools: which coding tools are on the gateway's machine, where their config is, and setting them up. */
export default function CliToolsPage() {
  const [setup, setSetup] = useState<{ tool: CliTool; status: ToolStatus }>();
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <PageHeader
        title="CLI tools"
        description="Coding tools found on the machine the gateway runs on. Set one up to send its requests through OmniRoute."
      />
      <div className="grid cli-tools-grid">
        {cliTools.map((tool) => (
          <ToolCard key={tool.id} tool={tool} refresh={refresh} onSetup={(status) => setSetup({ tool, status })} />
        ))}
      </div>
      {setup && (
        <SetupDialog
          tool={setup.tool}
          status={setup.status}
          onClose={() => setSetup(undefined)}
          onWritten={() => setRefresh((value) => value + 1)}
        />
      )}
    </>
  );
}
