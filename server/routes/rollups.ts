import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { idParams, readErrors } from '../schemas/common.ts';
import { BodyPeers, NationalRollup, PrefectureParams, PrefectureRollup } from '../schemas/rollups.ts';
import { bodyPeers } from '../services/rollups.ts';
import { notModified, sendVersionedAsync } from '../cache/reply.ts';
import { rollupDataVersion } from '../cache/versions.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { whileServerWorks } from '../timeouts.ts';
import { FileDownload } from '../schemas/quarters.ts';
import { contentDisposition } from '../services/quarter-exports.ts';
import { closeExportReader } from '../services/milestone-export.ts';
import type { JobFile } from '../workers/jobs.ts';
import { inExportDir, sendAndDelete } from '../workers/files.ts';
import { type RouteTable } from '../auth/rules.ts';

/** Roll-ups: the country for admin; a prefecture for admin and its prefecture users; a body's comparison
 * with its prefecture and the country for whoever reads the body. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const ROLLUP_ROUTES = {
  national: { rule: { access: 'admin' }, cost: 'heavy' },
  prefecture: { rule: { access: 'prefectureReader' }, cost: 'heavy' },
  nationalCsv: { rule: { access: 'admin' }, cost: 'export' },
  prefectureCsv: { rule: { access: 'prefectureReader' }, cost: 'export' },
  peers: { rule: { access: 'bodyReader' }, cost: 'heavy' },
} as const satisfies RouteTable;

/** Roll-ups read only the maintained count tables (server/rollups/): cheap for the whole country. */
const rollups: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['rollups'];
  app.addHook('onClose', async () => closeExportReader(app.db));

  app.get('/rollups/national', {
    config: ROLLUP_ROUTES.national,
    schema: {
      tags,
      summary: '全国の標準化の集計（総務省の完了率、状況別の手順数、期限超過の団体、都道府県別・業務別、特定移行支援システム）',
      response: { 200: NationalRollup, ...notModified, ...readErrors },
    },
    // Cached while the roll-up data version holds (server/cache/): the count tables change on every step update.
    // Computed off the loop (server/workers/): ~35,000 systems judged against their own deadlines.
    handler: async (req, reply) => {
      const today = app.today();
      return sendVersionedAsync(req, reply, `national:${today}`, rollupDataVersion(app.db), () => app.workers.run('rollups', { kind: 'rollup', prefectureCode: null, today }));
    },
  });

  app.get('/rollups/prefectures/:prefectureCode', {
    config: ROLLUP_ROUTES.prefecture,
    schema: {
      tags,
      summary: '都道府県の集計（団体別の完了率と順位、全国平均との比較、業務別）',
      params: PrefectureParams,
      response: { 200: PrefectureRollup, ...notModified, ...readErrors },
    },
    handler: async (req, reply) => {
      const today = app.today();
      const code = req.params.prefectureCode;
      return sendVersionedAsync(req, reply, `prefecture:${code}:${today}`, rollupDataVersion(app.db), () =>
        app.workers.run('rollups', { kind: 'rollup', prefectureCode: code, today }),
      );
    },
  });

  const csvSchema = (summary: string) => ({ tags, summary, produces: ['text/csv; charset=utf-8'], response: { 200: FileDownload, ...readErrors } });
  // Written by a worker thread (server/workers/) into a file that is then streamed and deleted: the rows
  // of the whole country would otherwise be made on the event loop.
  const sendCsv = async (req: FastifyRequest, reply: FastifyReply, name: string, prefectureCode: string | null) => {
    const today = app.today();
    const { dir, value: file } = await whileServerWorks(req, () =>
      inExportDir(app.importOptions.workDir, (dir) => app.workers.run<JobFile>('heavy', { kind: 'milestonesCsv', prefectureCode, today, dir })),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`${name}_マイルストーン_${today}.csv`))
      .header('cache-control', 'no-store')
      .send(sendAndDelete(file.path, dir));
  };

  app.get('/rollups/national/milestones.csv', {
    config: ROLLUP_ROUTES.nationalCsv,
    schema: csvSchema('全国のマイルストーン一覧 CSV（UTF-8 BOM付き、1行1マイルストーン、ストリーミング）'),
    handler: async (req, reply) => sendCsv(req, reply, '全国', null),
  });

  app.get('/rollups/prefectures/:prefectureCode/milestones.csv', {
    config: ROLLUP_ROUTES.prefectureCsv,
    schema: { ...csvSchema('都道府県内のマイルストーン一覧 CSV（UTF-8 BOM付き、1行1マイルストーン）'), params: PrefectureParams },
    handler: async (req, reply) => sendCsv(req, reply, `都道府県${req.params.prefectureCode}`, req.params.prefectureCode),
  });

  app.get('/bodies/:bodyId/peers', {
    config: ROLLUP_ROUTES.peers,
    schema: {
      tags,
      summary: '団体の比較（都道府県・全国の完了率と順位、業務別）',
      params: idParams('bodyId'),
      response: { 200: BodyPeers, ...readErrors },
    },
    handler: async (req) => bodyPeers(app.db, req.params.bodyId),
  });
};

export default rollups;
