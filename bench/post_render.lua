-- wrk script for bench/get-saturated.sh: POST /v1/templates/bench-load/render (the template bench/load.sh
-- publishes) as fast as wrk can, to leave a backlog of queued renders. No Idempotency-Key, so each POST is a new
-- render; once the project's queue is full the server answers 503 queue_full, which wrk counts as Non-2xx.
-- Environment: PLATEN_KEY.

function init(args)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("PLATEN_KEY")
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"data":{"customer":{"name":"Customer 7"},"invoice":{"number":"B-1000007","date":"2026-06-05",'
    .. '"total":150.00},"paid":true,"items":[{"description":"Item 1","quantity":1,"amount":12.50},'
    .. '{"description":"Item 2","quantity":2,"amount":25.00}]}}'
end
