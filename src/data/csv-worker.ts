// The worker thread of csv-pieces.ts: scans the pieces it is sent and posts their chunk columns back,
// moving (not copying) the arrays and the bytes.
import { parentPort } from 'node:worker_threads';
import { type PieceTask, scanPiece, transferList } from './csv-pieces.js';

parentPort?.on('message', (message: { id: number; task: PieceTask }) => {
  const result = scanPiece(message.task);
  parentPort?.postMessage({ id: message.id, result }, transferList(result));
});
