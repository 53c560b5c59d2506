/** The `decl` command line (bundled to server/out/cli.js, the package's `bin`). See cli/main.ts. */
import { main } from './cli/main';

// `decl check | head`: a closed pipe ends the run quietly
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw e;
	});
}

void main(process.argv).then((code) => {
	process.exitCode = code;
});
