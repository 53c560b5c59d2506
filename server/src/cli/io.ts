/** What a command touches of the process: the working directory, the streams, the environment. */
export interface OutStream {
	write(chunk: string): unknown;
	readonly isTTY?: boolean;
}

export interface Io {
	readonly cwd: string;
	readonly stdout: OutStream;
	readonly stderr: OutStream;
	readonly env: NodeJS.ProcessEnv;
	/** All of standard input as UTF-8 text (asked at most once). */
	readStdin(): Promise<string>;
}

export function processIo(): Io {
	let stdin: Promise<string> | undefined;
	return {
		cwd: process.cwd(),
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
		readStdin: () => (stdin ??= new Promise<string>((resolve, reject) => {
			const chunks: Buffer[] = [];
			process.stdin.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
			process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			process.stdin.on('error', reject);
		})),
	};
}
