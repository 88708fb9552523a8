/** The core worker: exposes the typed api object and nothing else. */
import { expose } from 'comlink';
import { api } from './api.ts';

expose(api);
