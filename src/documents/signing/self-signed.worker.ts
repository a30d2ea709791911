/** Worker thread of generateSelfSignedInWorker: generates the certificate and posts the PKCS#12 file back. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateSelfSigned } from './self-signed';

const { passphrase } = workerData as { passphrase: string };
parentPort?.postMessage(generateSelfSigned(passphrase));
